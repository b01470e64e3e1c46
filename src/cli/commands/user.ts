import type { Command } from 'commander';
import { SYSTEM, type Actor } from '../../audit/actor.js';
import { addUser, setDisabled, setPassword } from '../../auth/user-accounts.js';
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

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new ValidationError(`expected one of ${ROLES.join(', ')}, received ${JSON.stringify(value)}`, '--role');
  return value as Role;
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage the people who log in to the review app (verifiers, admins and supervisors)');

  user
    .command('add <name>')
    .description('create a user; the password is read from stdin or prompted for (never an argument)')
    .option('-r, --role <role>', `role: ${ROLES.join(' | ')}`, 'verifier')
    .option('-d, --display-name <text>', 'name shown in the UI, e.g. 张三')
    .action(async (name: string, opts: { role: string; displayName?: string }, cmd: Command) => {
      const role = parseRole(opts.role);
      const password = await readPassword();
      const ctx = contextFor(cmd);
      try {
        const created = await addUser(ctx.db, { name, role, password, displayName: opts.displayName ?? null }, cliActor());
        process.stdout.write(`user ${created.name} (${created.role}) created with id ${created.id}\n`);
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
}
