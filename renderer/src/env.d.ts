// Type of .vue single-file components for TypeScript (vue-tsc checks their contents itself).
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
