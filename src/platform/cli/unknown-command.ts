import type { Command, Option } from 'commander';

export interface UnknownCommand {
  /** The word that names no command, e.g. "recoveries". */
  word: string;
  /** The command it was looked up in, e.g. "materiel" or "materiel items". */
  parent: string;
  /** The commands that parent does have. */
  known: string[];
}

/**
 * The first word of `argv` that should name a command but names none, or null.
 *
 * Commander answers `--help` before it looks at the command words, so `materiel recoveries add
 * --help` printed the main help and exited 0 as if the command existed; this walks the words first.
 * It follows the command tree the way commander parses: options of the commands passed so far are
 * recognised anywhere (skipping their values), and the first other word below a command that has
 * subcommands and takes no arguments of its own must be one of those subcommands (or "help").
 */
export function findUnknownCommand(program: Command, argv: readonly string[]): UnknownCommand | null {
  let command = program;
  const options: Option[] = [...program.options];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return null;
    if (arg.startsWith('-') && arg !== '-') {
      const [flag] = arg.split('=', 1);
      const option = options.find((o) => o.long === flag || o.short === flag);
      if (option && !arg.includes('=')) {
        const next = argv[i + 1];
        if (option.required || (option.optional && next !== undefined && !next.startsWith('-'))) i++;
      }
      continue;
    }
    // A command with arguments (screen [name]) or no subcommands takes this word as an argument.
    if (command.commands.length === 0 || command.registeredArguments.length > 0) return null;
    if (arg === 'help') continue;
    const sub = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub)
      return { word: arg, parent: commandPath(command), known: command.commands.map((c) => c.name()) };
    command = sub;
    options.push(...sub.options);
  }
  return null;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The message for an unknown command, naming the commands there are. */
export function unknownCommandMessage(unknown: UnknownCommand): string {
  return `unknown command '${unknown.word}' for '${unknown.parent}'. Its commands: ${unknown.known.filter((c) => c !== 'help').join(', ')}. Run "${unknown.parent} --help" for more.`;
}
