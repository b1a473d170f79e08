/** MongoDB adapters: document writes, durable row states, dead letters, retries. */
package dev.monobridge.projector.mongo;
