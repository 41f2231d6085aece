// The node's libp2p connection gater: peers on the deny list (revoked terminals) are refused
// at the encryption step, inbound and outbound, so they cannot reach any protocol at all.
import type { ConnectionGater, PeerId } from '@libp2p/interface'

export class DenyList {
  private readonly peers = new Map<string, string>()

  deny(peer: PeerId, reason: string): void {
    this.peers.set(peer.toString(), reason)
  }

  has(peer: PeerId): boolean {
    return this.peers.has(peer.toString())
  }

  get size(): number {
    return this.peers.size
  }

  gater(): ConnectionGater {
    return {
      denyInboundEncryptedConnection: (peer) => this.has(peer),
      denyOutboundEncryptedConnection: (peer) => this.has(peer),
      denyDialPeer: (peer) => this.has(peer)
    }
  }
}
