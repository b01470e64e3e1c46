/**
 * The form a user name is unique and looked up in: NFKC (full-width "ｗａｎｇ" is "wang") and lower
 * case (full Unicode, not SQLite's ASCII-only lower()). Stored in users.name_key; openDatabase
 * registers it as the SQL function user_name_key for the migration that filled the column.
 */
export function userNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
