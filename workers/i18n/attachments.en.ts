import type { attachmentWordsZhCN } from './attachments.zh-CN';

export const attachmentWordsEn: Record<keyof typeof attachmentWordsZhCN, string> = {
  'attachment.kind.photo': 'Photo',
  'attachment.kind.scan': 'Scan',
  'attachment.kind.audio': 'Recording',
  'attachment.title': 'Attachments',
  'attachment.none': 'Nothing attached yet.',
  'attachment.file': 'Choose a file',
  'attachment.hint': 'Photos (JPEG, PNG) up to {photo} MB, scans (PDF) up to {scan} MB, recordings (MP3, M4A, AMR, WAV) up to {audio} MB. On a phone you can take the photo or recording directly.',
  'attachment.upload': 'Attach',
  'attachment.done': 'Attached: {name}',
  'attachment.missing': 'Choose a file to attach',
  'attachment.sizeBytes': '{n} bytes',
  'attachment.sizeKb': '{n} KB',
  'attachment.sizeMb': '{n} MB',
  'refusal.attachmentEmpty': 'the file “{name}” is empty; choose it again',
  'refusal.attachmentNotAllowed': 'the file “{name}” is not a type that may be attached: photos (JPEG, PNG), PDF scans or recordings (MP3, M4A, AMR, WAV) only',
  'refusal.attachmentNotWhatItSays': 'the file “{name}” is named as {claimed}, but its contents are not {claimed} nor any other type that may be attached',
  'refusal.attachmentTooLarge': 'a {kind} may be at most {limit} MB',
  'refusal.uploadTooLarge': 'a file may be at most {limit} MB',
} as const;
