/** The workflow kind of a PIM elevation request: the one place this name is spelled (the architecture test checks). */
export const ELEVATION_KIND = 'pim-elevation';
