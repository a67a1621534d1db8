export * from "./start-investigation";
