export * from "./notification-subject";
export * from "./render-slack-message";
export * from "./render-email";
export * from "./channel-sender";
export * from "./smtp-transport";
