// bench/compile: propagation + SPMD partitioning of gshard_600b.gshard on 16, 128 and 2048 devices
// (one program for all devices: the time must not grow with the device count; target ratio <= 1.2).
process.argv[2] = 'compile';
await import('./propagate.js');
