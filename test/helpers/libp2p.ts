export { createPlainHost as createHost } from '../../src/net/plain-host.js'
