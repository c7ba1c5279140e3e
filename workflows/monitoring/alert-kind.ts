/** The workflow kind of a monitoring alert: the one place this name is spelled (the architecture test checks). */
export const ALERT_KIND = 'monitor-alert';
