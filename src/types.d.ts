declare module '@generated/juyifu-contract/default/*.json' {
  const value: any;
  export default value;
}
