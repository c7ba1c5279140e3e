/** The UMD bundle of the `adaptivecards` package, loaded by index.html before the modules. */
declare const AdaptiveCards: typeof import('adaptivecards');
