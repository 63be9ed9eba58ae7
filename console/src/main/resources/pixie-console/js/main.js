// Pixie Console: a hash router over the views. Each view renders into <main> and may return a
// function that stops its timers when the user leaves it.

import { toast } from "./dom.js";
import { allowSimulated, chainId, setAllowSimulated } from "./session.js";

const VIEWS = {
  network: () => import("./views/network.js"),
  attestation: () => import("./views/attestation.js"),
  explorer: () => import("./views/explorer.js"),
  apps: () => import("./views/apps.js"),
  trade: () => import("./views/trade.js"),
  governance: () => import("./views/governance.js"),
  deploy: () => import("./views/deploy.js"),
};

let stop = null;
let generation = 0;

async function route() {
  const [name, ...rest] = location.hash.replace(/^#/, "").split("/");
  const view = VIEWS[name] ? name : "network";
  const arg = rest.map(decodeURIComponent).join("/");
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (stop) stop();
  stop = null;
  document.getElementById("toast").replaceChildren();
  const mine = ++generation;
  const main = document.getElementById("main");
  main.replaceChildren();
  main.dataset.view = view;
  delete main.dataset.ready;
  try {
    const mod = await VIEWS[view]();
    if (mine !== generation) return;
    stop = (await mod.render(main, arg)) ?? null;
    // Tests and assistive tools can tell that the view's first data has arrived.
    main.dataset.ready = "true";
  } catch (e) {
    toast(view + ": " + e.message, true);
  }
}

const sim = document.getElementById("allow-sim");
sim.checked = allowSimulated();
sim.addEventListener("change", () => {
  setAllowSimulated(sim.checked);
  route();
});
window.addEventListener("hashchange", route);
chainId()
  .then((c) => (document.getElementById("chain").textContent = "chain " + c))
  .catch((e) => toast("node unreachable: " + e.message, true));
route();
