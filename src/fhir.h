/*
 * fhir — what the FHIR R4 reader (fhir_in*.c) and writer (fhir_out*.c)
 * share: the code systems, identifier systems, profiles and codes that
 * tumorboard-fhir(7) names, each spelled once. Constants only; no library
 * is included here.
 */
#ifndef TB_FHIR_H
#define TB_FHIR_H

#define FHIR_NS	      "http://hl7.org/fhir"
#define FHIR_XHTML_NS "http://www.w3.org/1999/xhtml"

/* Identifier systems (Swedish OIDs) */
#define FHIR_ID_PERSONNUMMER	  "urn:oid:1.2.752.129.2.1.3.1"
#define FHIR_ID_SAMORDNINGSNUMMER "urn:oid:1.2.752.129.2.1.3.3"
#define FHIR_ID_RESERVNUMMER	  "urn:oid:1.2.752.74.9.1"
#define FHIR_ID_HSA		  "urn:oid:1.2.752.129.2.1.4.1"

/* Code systems */
#define FHIR_SYS_LOINC	 "http://loinc.org"
#define FHIR_SYS_SNOMED	 "http://snomed.info/sct"
#define FHIR_SYS_ICD10	 "http://hl7.org/fhir/sid/icd-10"
#define FHIR_SYS_ICD10CM "http://hl7.org/fhir/sid/icd-10-cm"
#define FHIR_SYS_ICDO3	 "http://terminology.hl7.org/CodeSystem/icd-o-3"
#define FHIR_SYS_HGNC	 "http://www.genenames.org/geneId"
#define FHIR_SYS_HGVS	 "http://varnomen.hgvs.org"
#define FHIR_SYS_CLINVAR "http://www.ncbi.nlm.nih.gov/clinvar"
#define FHIR_SYS_SO	 "http://www.sequenceontology.org"
#define FHIR_SYS_AJCC	 "http://cancerstaging.org"
#define FHIR_SYS_DICOM	 "http://dicom.nema.org/resources/ontology/DCM"
#define FHIR_SYS_V2_0074 "http://terminology.hl7.org/CodeSystem/v2-0074"
#define FHIR_SYS_BCP47	 "urn:ietf:bcp:47"
#define FHIR_SYS_ATC	 "http://www.whocc.no/atc"
#define FHIR_SYS_UCUM	 "http://unitsofmeasure.org"

/* tumorboard's own systems, for what FHIR has no standard place for */
#define FHIR_SYS_TB_CASE "urn:x-tumorboard:case-id" /* identifier */
#define FHIR_SYS_TB_LEVEL                                                      \
	"urn:x-tumorboard:mdk-level" /* local|regional|national */
#define FHIR_SYS_TB_CONTEXT "urn:x-tumorboard:context" /* clinical|research */
#define FHIR_SYS_TB_TAG	    "urn:x-tumorboard:tag"     /* ai */
#define FHIR_SYS_TB_CODE    "urn:x-tumorboard:code"    /* recist-sum */
#define FHIR_SYS_TB_STATUS                                                     \
	"urn:x-tumorboard:case-status" /* the board's status of the case */
/* a referral package's boards (ServiceRequest.extension): read by refer
 * --receive (fhir_package.c), noted by the reader (fhir_in_case.c) */
#define FHIR_EXT_TB_REFERRAL_FROM /* untranslated: a URI */                    \
	"urn:x-tumorboard:referral-from"
#define FHIR_EXT_TB_REFERRAL_TO /* untranslated: a URI */                      \
	"urn:x-tumorboard:referral-to"

/* Extensions */
#define FHIR_EXT_INTERPRETER                                                   \
	"http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired"
#define FHIR_EXT_HISTOLOGY                                                     \
	"http://hl7.org/fhir/us/mcode/StructureDefinition/"                    \
	"mcode-histology-morphology-behavior"

/* Profiles (matched by their last path segment) */
#define FHIR_PROFILE_PRIMARY	    "mcode-primary-cancer-condition"
#define FHIR_PROFILE_SECONDARY	    "mcode-secondary-cancer-condition"
#define FHIR_PROFILE_TUMOR_MARKER   "mcode-tumor-marker-test"
#define FHIR_PROFILE_DISEASE_STATUS "mcode-cancer-disease-status"
#define FHIR_PROFILE_VARIANT	    "variant"
#define FHIR_PROFILE_REGION_STUDIED "region-studied"

/* NCI Thesaurus: Lansky play-performance status, the code of mCODE's
 * Lansky Play Performance Status profile (STU4; LOINC and SNOMED CT have
 * no code for the scale) */
#define FHIR_SYS_NCIT	 "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl"
#define FHIR_NCIT_LANSKY "C38144"

/* LOINC codes read or written */
#define FHIR_LOINC_ECOG		  "89247-1"
#define FHIR_LOINC_KARNOFSKY	  "89243-0"
#define FHIR_LOINC_DISEASE_STATUS "97509-4"
#define FHIR_LOINC_CT		  "21905-5" /* clinical T */
#define FHIR_LOINC_CN		  "21906-3"
#define FHIR_LOINC_CM		  "21907-1"
#define FHIR_LOINC_CSTAGE	  "21908-9"
#define FHIR_LOINC_PT		  "21899-0" /* pathological T */
#define FHIR_LOINC_PN		  "21900-6"
#define FHIR_LOINC_PM		  "21901-4"
#define FHIR_LOINC_PSTAGE	  "21902-2"
#define FHIR_LOINC_VARIANT	  "69548-6" /* genetic variant assessment */
#define FHIR_LOINC_GENE		  "48018-6" /* gene studied */
#define FHIR_LOINC_HGVS_C	  "48004-6" /* DNA change (c.HGVS) */
#define FHIR_LOINC_HGVS_P	  "48005-3" /* amino acid change (p.HGVS) */
#define FHIR_LOINC_HGVS_G	  "81290-9" /* genomic DNA change (g.HGVS) */
#define FHIR_LOINC_TRANSCRIPT	  "51958-7" /* transcript reference sequence */
#define FHIR_LOINC_VAF		  "81258-6" /* sample variant allele frequency */
#define FHIR_LOINC_SOURCE_CLASS	  "48002-0" /* genomic source class */
#define FHIR_LOINC_SIGNIFICANCE	  "53037-8" /* clinical significance */
#define FHIR_LOINC_CHANGE_TYPE	  "48019-4" /* DNA change type */
#define FHIR_LOINC_COPIES	  "82155-3" /* copy number */
#define FHIR_LOINC_DISCRETE	  "81252-9" /* discrete variant (ClinVar) */
#define FHIR_LOINC_TMB		  "94076-7"
#define FHIR_LOINC_MSI		  "81695-9"
#define FHIR_LOINC_REGION_STUDIED "53041-0"
/* components of a region studied (Genomics Reporting region-studied) */
#define FHIR_LOINC_REGION_DESC	  "81293-3" /* description of region examined */
#define FHIR_LOINC_RANGES	  "51959-5" /* ranges of DNA sequence examined */
#define FHIR_LOINC_GENOMIC_REF	  "48013-7" /* genomic reference sequence ID */
#define FHIR_LOINC_MUTATIONS	  "36908-2" /* gene mutations tested for */
#define FHIR_GR_REGION_COVERAGE	  "region-coverage" /* % of the region read */
#define FHIR_LOINC_GENETIC_REPORT "51969-4"
#define FHIR_LOINC_GRADE	  "33732-9" /* histology grade in cancer specimen */
#define FHIR_LOINC_FINDINGS	  "59776-5" /* imaging findings (narrative) */
#define FHIR_LOINC_PRESENT	  "LA9633-4"
#define FHIR_LOINC_ABSENT	  "LA9634-2"
#define FHIR_LOINC_SOMATIC	  "LA6684-0"
#define FHIR_LOINC_GERMLINE	  "LA6683-2"

/* SNOMED CT codes read or written */
#define FHIR_SCT_CT	      "399504009" /* cT category */
#define FHIR_SCT_PT	      "384625004"
#define FHIR_SCT_T	      "78873005"
#define FHIR_SCT_CN	      "399534004"
#define FHIR_SCT_PN	      "371494008"
#define FHIR_SCT_N	      "277206009"
#define FHIR_SCT_CM	      "399387003"
#define FHIR_SCT_PM	      "371497001"
#define FHIR_SCT_M	      "277208005"
#define FHIR_SCT_CSTAGE	      "399537006"
#define FHIR_SCT_PSTAGE	      "399588009"
#define FHIR_SCT_STAGE	      "399390009"
#define FHIR_SCT_AJCC8	      "897275008" /* AJCC 8th edition staging system */
#define FHIR_SCT_SURGERY      "387713003"
#define FHIR_SCT_RADIOTHERAPY "108290001"

#endif
