/** The German (1996 rules) patterns of the `hyphen` package (it ships no types). */
declare module 'hyphen/de' {
  interface HyphenOptions {
    hyphenChar?: string;
    minWordLength?: number;
    debug?: boolean;
    exceptions?: string[];
    html?: boolean;
  }
  export function hyphenateSync(text: string, options?: HyphenOptions): string;
}
