// Stands in for 'server-only' in the compiled custom server.
