import type { TableOf } from '../i18n/catalog.ts';
import type { activitiesEn } from './activities.en.ts';

/** `<portal-activities>` in Spanish, fetched the first time a page reads Spanish. */
export const activitiesEs: TableOf<typeof activitiesEn> = {
  'activities.heading': 'Tareas y eventos',
  'activities.loading': 'Cargando sus tareas y eventos…',
  'activities.error-heading': 'No se pudieron cargar sus tareas y eventos',
  'activities.empty': 'Aún no hay tareas ni eventos',
  'activities.empty-detail': 'Cuando el bufete le pida que haga algo o programe una reunión o audiencia, aparecerá aquí.',
  'activities.group.overdue': 'Atrasadas',
  'activities.group.upcoming': 'Próximas',
  'activities.group.done': 'Completadas',
  'activities.group.count': '{group} ({count})',
  'activities.group-empty.overdue': 'No hay nada atrasado.',
  'activities.group-empty.upcoming': 'No hay nada próximo.',
  'activities.group-empty.done': 'Todavía no hay nada completado.',
  'activities.kind.task': 'Tarea',
  'activities.kind.event': 'Evento',
  'activities.task.due': 'Vence {relative} ({date})',
  'activities.task.no-due-date': 'Sin fecha de vencimiento',
  'activities.task.completed': 'Completada el {date}',
  'activities.event.all-day': 'Todo el día',
  'activities.event.location': 'Lugar:',
  'activities.event.add-to-calendar': 'Agregar al calendario',
  'activities.event.downloading': 'Preparando…',
  'activities.show-all-done': 'Mostrar todo lo completado',
  'activities.announce.done': '“{title}” se marcó como completada.',
  'activities.announce.not-done': '“{title}” se marcó como no completada.',
  'activities.announce.calendar': 'Se descargó el archivo de calendario de “{title}”.',
  'activities.error.update': 'No se pudo actualizar “{title}”. {reason}',
  'activities.error.calendar': 'No se pudo descargar el archivo de calendario de “{title}”. {reason}',
};
