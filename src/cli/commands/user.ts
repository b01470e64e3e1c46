import type { Command } from 'commander';
import { SYSTEM, type Actor } from '../../audit/actor.js';
import { addUser, resetWithCode, setDisabled, setPassword, setRole } from '../../auth/user-accounts.js';
import { ValidationError } from '../../errors.js';
import { listUsers, ROLES, type Role } from '../../storage/users.js';
import { contextFor } from '../cli-context.js';

/** The CLI acts as the system, named after the OS user for the audit trail. */
function cliActor(): Actor {
  return { ...SYSTEM, name: `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}` };
}

/** Reads all of stdin (piped input), trimming one trailing newline. */
async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Prompts on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          return reject(new ValidationError('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Password from a pipe (`printf '%s' "$PW" | ... user add`) or an interactive prompt typed twice; never an argument. */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const pw = await readPiped();
    if (!pw) throw new ValidationError('no password on stdin; pipe it in or run in a terminal to be prompted', 'password');
    return pw;
  }
  const first = await promptHidden('password: ');
  const second = await promptHidden('again: ');
  if (first !== second) throw new ValidationError('the two passwords differ; run the command again', 'password');
  return first;
}

/** The code on stdout (scripts read it), what to do with it on stderr. */
function printCode(code: { code: string; expires_at: string }): void {
  process.stdout.write(`${code.code}\n`);
  process.stderr.write(`one-time code, shown only now; valid until ${code.expires_at}: the person enters it at /login (使用一次性代码) to set their password\n`);
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new ValidationError(`expected one of ${ROLES.join(', ')}, received ${JSON.stringify(value)}`, '--role');
  return value as Role;
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage the people who log in to the review app (verifiers, admins and supervisors)');

  user
    .command('add <name>')
    .description('create a user; the password is read from stdin or prompted for (never an argument), or with --code the person sets it with a one-time code')
    .option('-r, --role <role>', `role: ${ROLES.join(' | ')}`, 'verifier')
    .option('-d, --display-name <text>', 'name shown in the UI, e.g. 张三')
    .option('-c, --code', 'no password: print a one-time code the person uses at /login to set their own')
    .action(async (name: string, opts: { role: string; displayName?: string; code?: boolean }, cmd: Command) => {
      const role = parseRole(opts.role);
      const password = opts.code ? null : await readPassword();
      const ctx = contextFor(cmd);
      try {
        const input = { name, role, displayName: opts.displayName ?? null };
        const invited = password === null ? await addUser(ctx.db, { ...input, password }, cliActor()) : undefined;
        const created = invited ?? (await addUser(ctx.db, { ...input, password: password! }, cliActor()));
        process.stdout.write(`user ${created.name} (${created.role}) created with id ${created.id}\n`);
        if (invited) printCode(invited.setup_code);
      } finally {
        ctx.db.close();
      }
    });

  user
    .command('list')
    .description('list users (tab-separated: id, name, role, status, display name)')
    .action((_opts, cmd: Command) => {
      const ctx = contextFor(cmd);
      for (const u of listUsers(ctx.db)) {
        process.stdout.write(`${u.id}\t${u.name}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.display_name ?? ''}\n`);
      }
      ctx.db.close();
    });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(`${verb} <name>`)
      .description(disabled ? 'stop a user from logging in and end their sessions' : 'allow a disabled user to log in again')
      .action((name: string, _opts, cmd: Command) => {
        const ctx = contextFor(cmd);
        try {
          setDisabled(ctx.db, name, disabled, cliActor());
          process.stdout.write(`user ${name} ${disabled ? 'disabled; their sessions were ended' : 'enabled'}\n`);
        } finally {
          ctx.db.close();
        }
      });
  }

  user
    .command('passwd <name>')
    .description("set a user's password (stdin or prompt); ends their sessions")
    .action(async (name: string, _opts, cmd: Command) => {
      const password = await readPassword();
      const ctx = contextFor(cmd);
      try {
        await setPassword(ctx.db, name, password, cliActor());
        process.stdout.write(`password of ${name} changed; their open sessions were ended\n`);
      } finally {
        ctx.db.close();
      }
    });

  user
    .command('role <name> <role>')
    .description(`change a user's role (${ROLES.join(' | ')}); the last enabled admin keeps theirs`)
    .action((name: string, roleName: string, _opts, cmd: Command) => {
      const role = parseRole(roleName);
      const ctx = contextFor(cmd);
      try {
        setRole(ctx.db, name, role, cliActor());
        process.stdout.write(`user ${name} is now ${role}\n`);
      } finally {
        ctx.db.close();
      }
    });

  user
    .command('reset <name>')
    .description('reset a password: the old one stops working, sessions end, and a one-time code is printed for the person to set a new one')
    .action((name: string, _opts, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        printCode(resetWithCode(ctx.db, name, cliActor()));
      } finally {
        ctx.db.close();
      }
    });
}
