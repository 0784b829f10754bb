"""The WordprocessingML names the .docx reader looks for, qualified once for lxml, and two
reading rules shared by its modules (on/off properties, alternate content)."""

from __future__ import annotations

from lxml.etree import _Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_VAL = w("val")
W_BODY = w("body")
W_P = w("p")
W_PPR = w("pPr")
W_PSTYLE = w("pStyle")
W_R = w("r")
W_RPR = w("rPr")
W_RSTYLE = w("rStyle")
W_T = w("t")
W_DELTEXT = w("delText")
W_TAB = w("tab")
W_PTAB = w("ptab")
W_BR = w("br")
W_CR = w("cr")
W_NOBREAKHYPHEN = w("noBreakHyphen")
W_SYM = w("sym")
W_FONT = w("font")
W_CHAR = w("char")
W_FLDCHAR = w("fldChar")
W_FLDCHARTYPE = w("fldCharType")
W_INSTRTEXT = w("instrText")
W_FFDATA = w("ffData")
W_NAME = w("name")
W_CHECKBOX = w("checkBox")
W_CHECKED = w("checked")
W_DEFAULT = w("default")
W_DDLIST = w("ddList")
W_RESULT = w("result")
W_LISTENTRY = w("listEntry")
W_DRAWING = w("drawing")
W_PICT = w("pict")
W_TXBXCONTENT = w("txbxContent")
W_INS = w("ins")
W_DEL = w("del")
W_MOVEFROM = w("moveFrom")
W_MOVETO = w("moveTo")
W_HYPERLINK = w("hyperlink")
W_SMARTTAG = w("smartTag")
W_CUSTOMXML = w("customXml")
W_FLDSIMPLE = w("fldSimple")
W_BDO = w("bdo")
W_DIR = w("dir")
W_SDT = w("sdt")
W_SDTPR = w("sdtPr")
W_SDTCONTENT = w("sdtContent")
W_TAG = w("tag")
W_ALIAS = w("alias")
W_SHOWINGPLCHDR = w("showingPlcHdr")
W_TBL = w("tbl")
W_TR = w("tr")
W_TC = w("tc")
W_TCPR = w("tcPr")
W_VMERGE = w("vMerge")
W_HMERGE = w("hMerge")
W_SECTPR = w("sectPr")
W_HEADERREFERENCE = w("headerReference")
W_FOOTERREFERENCE = w("footerReference")
W_STYLE = w("style")
W_STYLEID = w("styleId")
W_TYPE = w("type")
W_BASEDON = w("basedOn")
W_DOCDEFAULTS = w("docDefaults")
W_RPRDEFAULT = w("rPrDefault")
W_ASCII = w("ascii")
W_HANSI = w("hAnsi")
W_FILL = w("fill")
W14_CHECKBOX = f"{{{W14_NS}}}checkbox"
W14_CHECKED = f"{{{W14_NS}}}checked"
W14_VAL = f"{{{W14_NS}}}val"
MC_ALTERNATECONTENT = f"{{{MC_NS}}}AlternateContent"
MC_CHOICE = f"{{{MC_NS}}}Choice"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
R_ID = f"{{{R_NS}}}id"
M_OMATH = f"{{{M_NS}}}oMath"
M_OMATHPARA = f"{{{M_NS}}}oMathPara"
M_T = f"{{{M_NS}}}t"
PIC_PIC = f"{{{PIC_NS}}}pic"
A_BLIP = f"{{{A_NS}}}blip"
V_IMAGEDATA = f"{{{V_NS}}}imagedata"

ON_VALUES = {"true", "1", "on"}


def is_on(element: _Element | None, attribute: str = W_VAL) -> bool:
    """A WordprocessingML on/off property: on when present without a value or set on."""
    if element is None:
        return False
    value = element.get(attribute)
    return value is None or value.lower() in ON_VALUES


def chosen(alternate: _Element) -> _Element | None:
    """The branch of an mc:AlternateContent to read: the first Choice (what Word shows), else
    the Fallback; never both, or a text box would be read twice."""
    choice = alternate.find(MC_CHOICE)
    return choice if choice is not None else alternate.find(MC_FALLBACK)
