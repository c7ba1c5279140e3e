/** The workflow kind of a break-glass incident: the one place this name is spelled (the architecture test checks). */
export const BREAK_GLASS_KIND = 'break-glass';
