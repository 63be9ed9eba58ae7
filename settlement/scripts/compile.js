// Compiles src/main/solidity/*.sol with solc-js and writes one JSON file per contract
// ({"contractName","abi","bytecode","evmVersion","compiler"}) into the output directory given as
// the first argument. Imports resolve from node_modules (OpenZeppelin). Run by the Maven build.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const root = path.resolve(__dirname, '..');
const outDir = path.resolve(process.argv[2] || path.join(root, 'target', 'contracts'));
const evmVersion = process.argv[3] || 'cancun';
const srcDir = path.join(root, 'src', 'main', 'solidity');

const sources = {};
for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion,
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
function findImports(p) {
  const file = path.join(root, 'node_modules', p);
  if (!file.startsWith(path.join(root, 'node_modules'))) return { error: 'outside node_modules: ' + p };
  try {
    return { contents: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: 'not found: ' + p };
  }
}
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const file of Object.keys(sources)) {
  for (const [name, c] of Object.entries(output.contracts[file] || {})) {
    const out = {
      contractName: name,
      compiler: 'solc-js ' + solc.version(),
      evmVersion,
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
    };
    fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(out, null, 1) + '\n');
    console.log('compiled ' + name + ' (' + c.evm.bytecode.object.length / 2 + ' bytes)');
  }
}
