import type { TableOf } from '../i18n/catalog.ts';
import type { filesEn } from './files.en.ts';

/** `<portal-files>` in Spanish, fetched the first time a page reads Spanish. */
export const filesEs: TableOf<typeof filesEn> = {
  'files.heading': 'Archivos',
  'files.loading': 'Cargando sus archivos…',
  'files.error-heading': 'No se pudieron cargar sus archivos',
  'files.empty': 'Aún no hay archivos',
  'files.empty-detail': 'Aquí aparecerán los documentos que el bufete comparta con usted y los archivos que usted suba.',
  'files.disabled': '{firm} no ofrece el intercambio de archivos en este portal. Comuníquese directamente con el bufete.',
  'files.disabled-firm': 'El bufete',
  'files.folder.none': 'General',
  'files.folder.count-one': '{count} archivo',
  'files.folder.count-other': '{count} archivos',
  'files.added': 'Agregado el {date}',
  'files.from': 'De {name}',
  'files.from-you': 'Subido por usted',
  'files.download': 'Descargar',
  'files.downloading': 'Descargando…',
  'files.load-more': 'Cargar más archivos',
  'files.loading-more': 'Cargando más archivos…',
  'files.more-error': 'No se pudieron cargar más archivos.',
  'files.upload.drop': 'Arrastre y suelte archivos aquí para enviarlos al bufete, o',
  'files.upload.choose': 'Elija archivos para subir',
  'files.upload.hint': 'Archivos PDF, imágenes (PNG, JPEG, GIF, WebP, HEIC), Word, Excel, PowerPoint, texto sin formato y CSV.',
  'files.upload.hint-limit':
    'Archivos PDF, imágenes (PNG, JPEG, GIF, WebP, HEIC), Word, Excel, PowerPoint, texto sin formato y CSV, de hasta {limit} cada uno.',
  'files.upload.folder': 'Guardar en la carpeta',
  'files.upload.no-folder': 'Sin carpeta',
  'files.upload.list': 'Archivos subidos',
  'files.upload.progress': 'Subiendo {name}',
  'files.upload.percent': '{percent} % subido',
  'files.upload.done': 'Subido',
  'files.upload.cancelled': 'Carga cancelada',
  'files.upload.cancel': 'Cancelar',
  'files.upload.dismiss': 'Descartar',
  'files.announce.uploaded': 'Se subió “{name}”.',
  'files.announce.cancelled': 'Se canceló la carga de “{name}”.',
  'files.announce.downloaded': 'Se descargó “{name}”.',
  'files.error.empty': '“{name}” está vacío, así que no hay nada que subir.',
  'files.error.too-large':
    '“{name}” ocupa {size}, más que el límite de {limit}. Reduzca su tamaño, por ejemplo escaneándolo con una resolución más baja o dividiéndolo en partes, y vuelva a intentarlo.',
  'files.error.too-large-limit':
    '“{name}” supera el límite de {limit}. Reduzca su tamaño, por ejemplo escaneándolo con una resolución más baja o dividiéndolo en partes, y vuelva a intentarlo.',
  'files.error.too-large-unknown': '“{name}” es más grande de lo que admite el portal. Reduzca su tamaño y vuelva a intentarlo.',
  'files.error.type':
    '“{name}” es un tipo de archivo que el portal no admite. Suba un PDF, una imagen (PNG, JPEG, GIF, WebP o HEIC), un documento de Word, Excel o PowerPoint, o un archivo de texto sin formato o CSV.',
  'files.error.type-content':
    'No se aceptó “{name}”: su contenido no corresponde a un tipo de archivo que el portal admita o no coincide con la extensión de su nombre. Suba un PDF, una imagen, un documento de Word, Excel o PowerPoint, o un archivo de texto sin formato o CSV.',
  'files.error.rejected': 'El análisis antivirus rechazó “{name}”, por lo que no se subió. Revise el archivo o pida al bufete otra forma de enviarlo.',
  'files.error.scan-unavailable':
    'No se pudo analizar “{name}” en busca de virus en este momento, por lo que no se subió. Vuelva a intentarlo en unos minutos.',
  'files.error.generic': 'No se subió “{name}”. {reason}',
  'files.error.download': 'No se pudo descargar “{name}”. {reason}',
};
