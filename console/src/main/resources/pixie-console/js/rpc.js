// JSON-RPC 2.0 to the node that served the page (docs/api.md).

let nextId = 1;

/** An error answer: `code` and `name` are the stable parts (docs/api.md, "Errors"). */
export class RpcError extends Error {
  constructor(error) {
    super(error.message);
    this.code = error.code;
    this.name = error.data?.error ?? "RPC_ERROR";
    this.data = error.data;
  }
}

/** Calls one method on a node (this page's origin by default). */
export async function call(method, params = {}, base = "") {
  const res = await fetch(base + "/rpc", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new RpcError(body.error);
  return body.result;
}
