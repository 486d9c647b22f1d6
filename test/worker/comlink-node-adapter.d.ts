// Comlink ships its node adapter as an .mjs file whose types sit beside it without the extension.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import nodeEndpoint from 'comlink/dist/esm/node-adapter';
  export default nodeEndpoint;
}
