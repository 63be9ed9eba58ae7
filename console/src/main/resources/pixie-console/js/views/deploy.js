import { fill, h } from "../dom.js";
export async function render(root) {
  fill(root, h("h1", {}, "deploy"));
}
