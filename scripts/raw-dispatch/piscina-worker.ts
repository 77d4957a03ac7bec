// A no-op task for piscina and tinypool: their documented worker shape, a default-exported function.
export default (value: number): number => value;
