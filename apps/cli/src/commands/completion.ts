import { Command, Option } from 'commander';

/** Every command path and its options, read from the program itself so completion never goes stale. */
function commandWords(program: Command): Map<string, string[]> {
  const words = new Map<string, string[]>();
  const walk = (command: Command, path: string[]) => {
    const flags = command.options.flatMap(
      (o: Option) => [o.long, o.short].filter(Boolean) as string[],
    );
    words.set(path.join(' '), [...command.commands.map((c) => c.name()), ...flags, '--help']);
    for (const child of command.commands) walk(child, [...path, child.name()]);
  };
  walk(program, []);
  return words;
}

function bashScript(words: Map<string, string[]>): string {
  const cases = [...words]
    .map(([path, list]) => `    "${path}") words="${list.join(' ')}" ;;`)
    .join('\n');
  return `# cascade bash completion: eval "$(cascade completion bash)"
_cascade() {
  local cur path="" i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) path="\${path:+$path }\${COMP_WORDS[i]}" ;; esac
  done
  local words=""
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _cascade cascade
`;
}

function zshScript(words: Map<string, string[]>): string {
  return `#compdef cascade
# cascade zsh completion: eval "$(cascade completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${bashScript(words)}`;
}

export function completionCommand(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash or zsh')
    .addHelpText(
      'after',
      '\nExample:\n  eval "$(cascade completion bash)"   # in ~/.bashrc\n  eval "$(cascade completion zsh)"    # in ~/.zshrc',
    )
    .action((shell: string) => {
      const words = commandWords(program);
      if (shell === 'bash') process.stdout.write(bashScript(words));
      else if (shell === 'zsh') process.stdout.write(zshScript(words));
      else
        program.error(`completion: unknown shell ${JSON.stringify(shell)} (bash or zsh)`, {
          exitCode: 2,
        });
    });
}
