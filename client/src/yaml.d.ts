/** A `.yaml` file imported as its text (esbuild's text loader, esbuild.mjs): the new-file templates of client/templates/. */
declare module '*.yaml' {
  const text: string;
  export default text;
}
