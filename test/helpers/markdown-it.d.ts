/** The part of markdown-it (a dev dependency; its own types are not installed) the Markdown escape tests render with. */
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    render(src: string): string;
  }
}
