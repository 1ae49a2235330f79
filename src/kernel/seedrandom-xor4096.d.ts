// Types for seedrandom's xor4096 module, imported on its own so start-up does not load every
// generator seedrandom ships.
declare module 'seedrandom/lib/xor4096.js' {
  /** The generator's whole state: its 128 words, position and Weyl value. */
  interface Xor4096State {
    readonly i: number;
    readonly w: number;
    readonly X: readonly number[];
  }
  interface Xor4096 {
    (): number;
    double(): number;
    int32(): number;
    quick(): number;
  }
  interface Xor4096WithState extends Xor4096 {
    state(): Xor4096State;
  }
  function xor4096(seed: string): Xor4096;
  function xor4096(seed: string, options: { state: true }): Xor4096WithState;
  export default xor4096;
}
