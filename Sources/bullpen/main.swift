import Bullpen

// The stock `bullpen` binary: the whole CLI, with no Swift handlers registered.
await Bullpen.main(handlers: [:])
