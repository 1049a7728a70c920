import Bullpen
import ExampleHandlers

// The example app, built like a user's own: it links the `Bullpen` library, registers Swift handlers for
// the seed's three queues (emails, images, reports) and gets the whole CLI. `bullpen-example supervise`
// re-executes this binary as its workers, so they know these handlers.
await Bullpen.main(handlers: ExampleApp.handlers)
