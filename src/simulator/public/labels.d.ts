/** Types for labels.js, the plain ES module the simulator page and the batch CSV share. */
export declare function intentLabel(intent: string): string;
export declare function intentName(intent: string): string;
export declare function municipalityLabel(municipality: string | null): string;
export declare function kindLabel(kind: string): string;
export declare function municipalitySourceLabel(source: string): string;
export declare function percent(value: number): string;
export declare function describePostback(data: string): string;
