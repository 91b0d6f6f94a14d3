// Validates Kubernetes objects against the Kubernetes OpenAPI schemas with the kubernetes-models
// package, run as a child process because the package is ESM-only (see
// test/deploy/kubernetes.test.ts). Reads a JSON array of objects on stdin and writes a JSON array
// with, for each, its kind, name and `error`: the validation error, "no model" when the package
// has no class for its apiVersion and kind, or null when it is valid.
import { text } from 'node:stream/consumers';

const objects = JSON.parse(await text(process.stdin));
const results = [];
for (const object of objects) {
  const { apiVersion, kind } = object;
  const result = { kind, name: object.metadata?.name, error: null };
  let Model;
  try {
    Model = (await import(`kubernetes-models/${apiVersion}`))[kind];
  } catch {
    Model = undefined;
  }
  if (typeof Model !== 'function') {
    result.error = `no model for ${apiVersion} ${kind} in kubernetes-models`;
  } else {
    try {
      new Model(object).validate();
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
    }
  }
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
