/**
 * The building blocks the "How CNCF Rust is built" table looks for: one row of crates per
 * concern. Data, not code: the /crates/ page prints this list as the table's definition.
 */
export interface CrateFamily {
  id: string;
  /** What the crates are for, as the table's column header. */
  label: string;
  /** The crates that stand for it, in the order the table names them. */
  crates: readonly string[];
}

export const CRATE_FAMILIES: readonly CrateFamily[] = [
  { id: 'async', label: 'Async runtime', crates: ['tokio', 'async-std', 'smol'] },
  { id: 'tls', label: 'TLS', crates: ['rustls', 'openssl', 'native-tls'] },
  { id: 'grpc', label: 'gRPC / protobuf', crates: ['tonic', 'prost', 'grpcio', 'protobuf'] },
  { id: 'http', label: 'HTTP', crates: ['hyper', 'axum', 'actix-web', 'warp', 'reqwest'] },
  { id: 'kubernetes', label: 'Kubernetes client', crates: ['kube', 'k8s-openapi'] },
  { id: 'wasm', label: 'WebAssembly engine', crates: ['wasmtime', 'wasmer', 'wasmedge-sdk'] },
];
