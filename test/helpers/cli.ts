export * from '../../src/mesh/processes.js'
