// placeholder until the countdown lands
export {};
