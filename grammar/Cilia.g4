grammar Cilia;
file : EOF ;
