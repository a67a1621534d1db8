export * from "./outbound-policy";
export * from "./url-not-allowed";
export * from "./check-url";
export * from "./outbound-request";
export * from "./outbound-response";
