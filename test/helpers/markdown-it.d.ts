/** The part of markdown-it (a dependency of @vscode/vsce, dev only) the Markdown escape tests render with. */
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    render(src: string): string;
  }
}
