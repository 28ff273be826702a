// Renderer entry: picks the API transport, opens the IndexedDB database, mounts the app.
import { createApp } from 'vue'
import App from './App.vue'
import { createApiClient } from './api/create-client'
import { APP_CONTEXT, createAppContext } from './app/app-context'
import { LesionTrackDatabase } from './db/database'
import StartupFailure from './StartupFailure.vue'
import './styles.css'

try {
  const context = createAppContext(createApiClient(), new LesionTrackDatabase())
  createApp(App).provide(APP_CONTEXT, context).mount('#app')
} catch (error) {
  createApp(StartupFailure, { error }).mount('#app')
}
