export { type AsyncApiDocument, asyncApiDocument } from './asyncapi-document';
