// /admin/vendor/yaml/index.js is the yaml package's browser build, copied there at build time
// (activity_directory.editors.cms, YAML_LIBRARY): its types are the package's own.
declare module "*/admin/vendor/yaml/index.js" {
  export * from "yaml";
}
