# Tab completion for clcgen. bash: `source` this file (e.g. from ~/.bashrc). zsh: first
# `autoload -U +X bashcompinit && bashcompinit`, then `source` it.
# clcgen answers System.CommandLine's [suggest:N] directive with the completions, one a line, for the command
# line as typed so far, N being the cursor's position in it; dotnet-suggest would do the same through a shim.
_clcgen_complete() {
    local IFS=$'\n'
    COMPREPLY=($(clcgen "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
}
complete -o default -F _clcgen_complete clcgen
