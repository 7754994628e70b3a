// Public entry of @gshard/compiler.
export {};
