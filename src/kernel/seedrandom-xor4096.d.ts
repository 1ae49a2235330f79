// Types for seedrandom's xor4096 module, imported on its own so start-up does not load every
// generator seedrandom ships.
declare module 'seedrandom/lib/xor4096.js' {
  interface Xor4096 {
    (): number;
    double(): number;
    int32(): number;
    quick(): number;
  }
  const xor4096: (seed: string) => Xor4096;
  export default xor4096;
}
