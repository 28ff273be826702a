/**
 * The DICOM attributes LesionTrack reads, as dicom-parser element keys ('xGGGGEEEE').
 * Named by their PS3.6 keyword so call sites read like the standard.
 */
export const TAG = {
  FileMetaInformationGroupLength: 'x00020000',
  TransferSyntaxUID: 'x00020010',
  MediaStorageSOPClassUID: 'x00020002',
  SpecificCharacterSet: 'x00080005',
  ImageType: 'x00080008',
  SOPClassUID: 'x00080016',
  SOPInstanceUID: 'x00080018',
  StudyDate: 'x00080020',
  StudyTime: 'x00080030',
  AccessionNumber: 'x00080050',
  Modality: 'x00080060',
  StudyDescription: 'x00081030',
  SeriesDescription: 'x0008103e',
  PatientName: 'x00100010',
  PatientID: 'x00100020',
  PatientBirthDate: 'x00100030',
  PatientSex: 'x00100040',
  SliceThickness: 'x00180050',
  SpacingBetweenSlices: 'x00180088',
  StudyInstanceUID: 'x0020000d',
  SeriesInstanceUID: 'x0020000e',
  SeriesNumber: 'x00200011',
  InstanceNumber: 'x00200013',
  AcquisitionNumber: 'x00200012',
  ImagePositionPatient: 'x00200032',
  ImageOrientationPatient: 'x00200037',
  FrameOfReferenceUID: 'x00200052',
  SamplesPerPixel: 'x00280002',
  PhotometricInterpretation: 'x00280004',
  NumberOfFrames: 'x00280008',
  Rows: 'x00280010',
  Columns: 'x00280011',
  PixelSpacing: 'x00280030',
  BitsAllocated: 'x00280100',
  BitsStored: 'x00280101',
  HighBit: 'x00280102',
  PixelRepresentation: 'x00280103',
  PixelPaddingValue: 'x00280120',
  PixelPaddingRangeLimit: 'x00280121',
  RescaleIntercept: 'x00281052',
  RescaleSlope: 'x00281053',
  LossyImageCompression: 'x00282110',
  ExtendedOffsetTable: 'x7fe00001',
  ExtendedOffsetTableLengths: 'x7fe00002',
  PixelData: 'x7fe00010',
} as const

/**
 * The functional group macros of multi-frame images (PS3.3 C.7.6.16) and the attributes read from
 * them: read from a full parse of the file's head, not by the header scanner.
 */
export const FUNCTIONAL_GROUP_TAG = {
  SharedFunctionalGroupsSequence: 'x52009229',
  PerFrameFunctionalGroupsSequence: 'x52009230',
  PlanePositionSequence: 'x00209113',
  PlaneOrientationSequence: 'x00209116',
  PixelMeasuresSequence: 'x00289110',
  PixelValueTransformationSequence: 'x00289145',
} as const
