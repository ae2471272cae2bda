// postman-collection ships its types without naming them in its package.json.
declare module 'postman-collection' {
  export * from 'postman-collection/types/index';
}
