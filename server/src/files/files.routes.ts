import { pipeline } from 'node:stream/promises';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { clientOf, firmOf } from '../http/principal.ts';
import { Problem } from '../http/problem.ts';
import type { FileContent, UploadStream } from './file.ts';
import { attachmentDisposition } from './file-names.ts';
import type { FilesService } from './files.service.ts';

/**
 * After a refused upload, up to this many more bytes are read and thrown away (for at most
 * `lingerMs`) so the client finishes sending and reads the refusal instead of a reset connection;
 * past that the connection is dropped.
 */
const lingerBytes = 8 * 1024 * 1024;
const lingerMs = 10_000;

/**
 * `POST /files`: the client uploads one file as `multipart/form-data` (`file`, and optionally
 * `folder`). It reads the raw request stream, so it is mounted before any body parser, with the
 * client authentication passed in.
 */
export function fileUploadRoutes(deps: { files: FilesService }, authenticate: RequestHandler): Router {
  const router = Router();
  router.post('/files', authenticate, async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.status(201).json(await receive(req, (upload) => deps.files.uploadForClient(firmId, contactId, upload)));
  });
  return router;
}

/** `GET /files`, `GET /files/:id/content`: the files shared with the client and those they uploaded. */
export function fileRoutes(deps: { files: FilesService }): Router {
  const router = Router();
  router.get('/files', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await deps.files.listForClient(firmId, contactId, req.query));
  });
  router.get('/files/:id/content', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    await sendContent(req, res, await deps.files.contentForClient(firmId, contactId, req.params.id));
  });
  return router;
}

/**
 * `POST /admin/files`: the firm shares a file with a contact (`contactId`, optionally `folder`
 * and `staffName`, then `file`). Mounted before the JSON body parser, like the client's upload.
 */
export function adminFileUploadRoutes(deps: { files: FilesService }): Router {
  const router = Router();
  router.post('/files', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await receive(req, (upload) => deps.files.uploadForFirm(firmId, upload, actor)));
  });
  return router;
}

/** `/admin/files`: the firm lists, downloads and deletes its contacts' files. */
export function adminFileRoutes(deps: { files: FilesService }): Router {
  const router = Router();
  router.get('/files', async (req, res) => {
    res.json(await deps.files.listForFirm(firmOf(req).firmId, req.query));
  });
  router.get('/files/:id', async (req, res) => {
    res.json(await deps.files.getForFirm(firmOf(req).firmId, req.params.id));
  });
  router.get('/files/:id/content', async (req, res) => {
    await sendContent(req, res, await deps.files.contentForFirm(firmOf(req).firmId, req.params.id));
  });
  router.delete('/files/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    await deps.files.remove(firmId, req.params.id, actor);
    res.status(204).end();
  });
  return router;
}

/** Hands the request body to an upload; when the upload is refused part-way, lets the rest drain. */
async function receive<T>(req: Request, work: (upload: UploadStream) => Promise<T>): Promise<T> {
  const length = Number(req.headers['content-length']);
  try {
    return await work({
      contentType: req.headers['content-type'],
      contentLength: req.headers['content-length'] !== undefined && Number.isSafeInteger(length) ? length : undefined,
      // Leaving the loop early must not destroy the request: the refusal still has to be sent.
      body: req.iterator({ destroyOnReturn: false }),
    });
  } catch (error) {
    if (req.destroyed && !(error instanceof Problem)) {
      throw Problem.badRequest('upload_aborted', 'The upload stopped before it was complete.');
    }
    discardRest(req);
    throw error;
  }
}

function discardRest(req: Request): void {
  if (req.complete || req.destroyed) return;
  let discarded = 0;
  const drop = () => req.socket.destroy();
  const timer = setTimeout(drop, lingerMs).unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > lingerBytes) {
      clearTimeout(timer);
      drop();
    }
  });
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

/**
 * Streams a stored file as a download: always `attachment`, never sniffed, sandboxed if a browser
 * renders it anyway, with its exact type and length.
 */
async function sendContent(req: Request, res: Response, content: FileContent): Promise<void> {
  res.set({
    'Content-Type': content.contentType,
    'Content-Length': String(content.size),
    'Content-Disposition': attachmentDisposition(content.name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
  });
  // A page on the firm's site reads the download through CORS and needs the file's name.
  if (res.get('Access-Control-Allow-Origin')) res.set('Access-Control-Expose-Headers', 'Retry-After, Content-Disposition');
  if (req.method === 'HEAD') {
    content.stream.destroy();
    res.end();
    return;
  }
  try {
    await pipeline(content.stream, res);
  } catch (error) {
    // A client that goes away mid-download is not an error of ours.
    if (!res.destroyed) throw error;
  }
}
