import Bullpen
import BullpenBattery

// The app the battery runs under its supervisor: the whole `bullpen` CLI, with a handler that records
// every attempt in the ledger named by BULLPEN_BATTERY_LEDGER for the queues alpha, beta and gamma.
await Bullpen.main(handlers: BatteryApp.handlers)
