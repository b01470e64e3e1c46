import type { Command } from 'commander';
import { createContext, type AppContext } from '../context.js';

/** The context for a command, honouring the global --config option. */
export function contextFor(command: Command): AppContext {
  const opts = command.optsWithGlobals<{ config?: string }>();
  return createContext({ file: opts.config });
}
