// The file formats a project imports from and exports to, by its input type and jobs (README "CLI" and "REST API").

function tasks(project) {
  return Object.values((project.jsonInterface && project.jsonInterface.jobs) || {}).map((j) => j.mlTask);
}

/** [format, label] pairs for the import screen; '' lets the server go by the file's extension. */
export function importFormats(project) {
  const t = tasks(project);
  const media = project.inputType === 'IMAGE' || project.inputType === 'AUDIO';
  if (project.inputType === 'TABULAR') return [['', 'CSV, TSV, JSON Lines or a JSON array (by the file’s extension)']];
  return [
    ['', media ? 'a zip of image or audio files (optional manifest.csv)' : 'CSV, TSV, JSON Lines, a JSON array or .txt, one text per line (by the file’s extension)'],
    ['labelstudio', 'Label Studio JSON tasks with their annotations' + (media ? ', in a zip with the files' : '')],
    ['kili', 'Kili assets with their labels' + (media ? ', in a zip with the files' : '')],
    ...(project.inputType === 'TEXT' ? [['prodigy', 'Prodigy JSON Lines'], ['doccano', 'doccano JSON Lines (label, or cats and entities)']] : []),
    ...(t.includes('NAMED_ENTITIES_RECOGNITION') ? [['conll', 'CoNLL-2003 sentences with entities'], ['bio', 'BIO, token and tag per line'],
      ['spacy', 'spaCy JSON (text and spans)']] : []),
    ...(t.includes('OBJECT_DETECTION') ? [['coco', 'COCO: a zip of images and one instances JSON'], ['yolo', 'YOLO: a zip of images and label .txt files'],
      ['voc', 'Pascal VOC: a zip of images and an .xml per image']] : []),
  ];
}

/** [format, label, file extension] for the export screen. */
export function exportFormats(project) {
  const t = tasks(project);
  return [
    ['jsonl', 'JSONL (Kili shape, one asset per line)', 'jsonl'],
    ['csv', project.inputType === 'TABULAR' ? 'CSV (the table’s columns and one per job)' : 'CSV (one column per job)', 'csv'],
    ['labelstudio', 'Label Studio JSON tasks', 'json'],
    ...(project.inputType === 'TEXT' ? [['prodigy', 'Prodigy JSONL', 'jsonl'], ['doccano', 'doccano JSONL', 'jsonl']] : []),
    ...(t.includes('NAMED_ENTITIES_RECOGNITION') ? [['conll', 'CoNLL-2003 (the NER job)', 'conll'],
      ['bio', 'BIO, token and tag per line (the NER job)', 'bio'], ['spacy', 'spaCy JSON (the NER job)', 'json']] : []),
    ...(t.includes('OBJECT_DETECTION') ? [['coco', 'COCO JSON (the boxes)', 'json'],
      ['yolo', 'YOLO label files, a zip (the boxes)', 'zip'], ['voc', 'Pascal VOC XML, a zip (the boxes)', 'zip']] : []),
  ];
}
